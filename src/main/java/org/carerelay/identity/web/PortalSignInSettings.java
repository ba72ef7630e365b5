package org.carerelay.identity.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the patient portal's sign-in page finds its practice.
 *
 * @param listPractices list every practice on the server when the address names none
 *                      ({@code CARERELAY_PORTAL_LIST_PRACTICES}): for an operator whose practices are happy to be
 *                      seen together. Off, the page names only the practice of the address, so a stranger learns
 *                      nothing of who else the server serves.
 */
@ConfigurationProperties("carerelay.portal")
record PortalSignInSettings(@DefaultValue("false") boolean listPractices) {
}
