/** Ids are UUIDs; anything else cannot name a row, so it is answered like a row that does not exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isId = (value: string): boolean => UUID.test(value);
