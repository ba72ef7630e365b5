package org.carerelay.messaging.template;

import java.util.HashMap;
import java.util.Map;

import org.carerelay.practice.Address;
import org.carerelay.practice.Practice;

/**
 * What a template sees: the caller's context plus {@code practice} (name, brand, postal address) and
 * {@code patient} (the given name only: minimum necessary).
 */
public final class TemplateModel {

    private TemplateModel() {
    }

    public static Map<String, Object> of(Practice practice, String patientGivenName, Map<String, Object> context) {
        Map<String, Object> model = new HashMap<>(context);
        Address address = practice.postalAddress();
        String postal = String.join(", ", java.util.stream.Stream.of(address.line1(), address.line2(),
                        address.city(), address.region() + " " + address.postalCode(), address.country())
                .filter(part -> part != null && !part.isBlank()).toList());
        model.put("practice", Map.of("name", practice.name(), "brandName", practice.brandName(),
                "postalAddress", postal));
        model.put("patient", Map.of("givenName", patientGivenName));
        return model;
    }
}
