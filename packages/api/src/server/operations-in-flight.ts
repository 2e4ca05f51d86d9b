import type { ApolloServerPlugin } from "@apollo/server";

/**
 * Stopping waits for the GraphQL operations still running, up to the grace period. The HTTP drain waits for open
 * connections, but a client that has gone away closed its connection while its operation runs on; if the database
 * were closed under it, the operation's transaction would be rolled back in the middle of its calls (seen at the end
 * of every benchmark run, whose clients stop mid-request). The server closes the database only after Apollo has stopped.
 */
export function operationsInFlightPlugin(gracePeriodMs: number): ApolloServerPlugin {
  const running = new Set<Promise<void>>();
  return {
    async requestDidStart() {
      let done!: () => void;
      const operation = new Promise<void>((resolve) => {
        done = resolve;
      });
      running.add(operation);
      const end = () => {
        running.delete(operation);
        done();
      };
      return {
        // Called for every request that started, answered or refused, after the operation's transactions ended.
        async willSendResponse() {
          end();
        },
      };
    },
    async serverWillStart() {
      return {
        async drainServer() {
          const deadline = new Promise<void>((resolve) => setTimeout(resolve, gracePeriodMs).unref());
          await Promise.race([Promise.all([...running]), deadline]);
        },
      };
    },
  };
}
