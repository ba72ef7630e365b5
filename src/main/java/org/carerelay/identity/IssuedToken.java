package org.carerelay.identity;

/** A newly issued API token with its secret, the only time the secret exists outside the client. */
public record IssuedToken(ApiToken token, String secret) {
}
