export {
  createIdentityProvider,
  type IdentityProvider,
  type IdentityProviderOptions,
  type IdpAccount,
  type IdpAccountGroup,
  type IdpClient,
  type KeyRotation,
  type RunningIdentityProvider,
  type SigningAlgorithm,
  startIdentityProvider,
} from "./identity-provider.js";
export { generatePersonalIdentityNumber, luhnCheckDigit, normalisePersonalIdentityNumber } from "./personal-identity-number.js";
export { type SignInRequest, type SignInResult, signInWithAuthorizationCode } from "./sign-in-flow.js";
