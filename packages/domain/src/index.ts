// Public surface of the domain package: the pure rules of Medverkan.
export {};
