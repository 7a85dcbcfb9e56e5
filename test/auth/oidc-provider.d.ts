// oidc-provider (a dev dependency, the mock identity provider of the single sign-on test) ships no types.
declare module 'oidc-provider';
