package org.carerelay.shared.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page at {@code /}: where to find the API documentation, health and metrics. */
@Controller
class HomeController {

    private static final Resource HOME = new ClassPathResource("static/index.html");

    @GetMapping("/")
    ResponseEntity<Resource> home() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(HOME);
    }
}
