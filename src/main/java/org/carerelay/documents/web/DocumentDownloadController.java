package org.carerelay.documents.web;

import org.carerelay.documents.Documents;
import org.carerelay.shared.NotFoundException;
import org.carerelay.shared.web.Downloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A short-lived download link of a released document (the portal makes one per click): the token is the proof, so
 * a link copied from the browser stops working minutes later. A link gone stale is a 404.
 */
@RestController
class DocumentDownloadController {

    private final Documents documents;

    DocumentDownloadController(Documents documents) {
        this.documents = documents;
    }

    @GetMapping("/documents/download/{token}")
    ResponseEntity<byte[]> download(@PathVariable String token) {
        return documents.download(token)
                .map(content -> Downloads.attachment(content.document().filename(),
                        content.document().contentType(), content.bytes()))
                .orElseThrow(() -> new NotFoundException("Document link"));
    }
}
