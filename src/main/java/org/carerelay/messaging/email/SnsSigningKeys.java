package org.carerelay.messaging.email;

import java.net.URI;
import java.security.PublicKey;

/** The public key of the certificate an Amazon SNS message names, once that certificate is trusted and valid. */
public interface SnsSigningKeys {

    /** @throws SecurityException when the certificate cannot be had or is not valid now */
    PublicKey forCertificate(URI certificateUrl);
}
