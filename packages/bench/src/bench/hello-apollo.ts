// The baseline: a bare Apollo Server answering `{ hello }` over Express 5 like the API, with nothing else (no
// authentication, no database, no permissions, no limits), so the API's own overhead per request shows as a ratio.
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";

const apollo = new ApolloServer({ typeDefs: "type Query { hello: String! }", resolvers: { Query: { hello: () => "hello" } } });
await apollo.start();
const app = express();
app.use("/graphql", express.json(), expressMiddleware(apollo));
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.send?.({ ready: `http://127.0.0.1:${port}/graphql` });
});
