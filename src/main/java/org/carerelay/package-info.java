/** CareRelay application root. */
package org.carerelay;
