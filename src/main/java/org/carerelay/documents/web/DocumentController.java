package org.carerelay.documents.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.documents.Document;
import org.carerelay.documents.Documents;
import org.carerelay.practice.PatientId;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.carerelay.shared.web.Downloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A patient's documents for staff: upload (multipart), list, release to the portal, download. Clinical content. */
@RestController
@RequestMapping("/api/v1/patients/{patientId}/documents")
class DocumentController {

    private final Documents documents;

    DocumentController(Documents documents) {
        this.documents = documents;
    }

    @PostMapping
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    ResponseEntity<Document> upload(@PathVariable UUID patientId, @RequestParam MultipartFile file,
            @RequestParam Document.Kind kind, @RequestParam String title,
            @RequestParam(defaultValue = "false") boolean release) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Document document = documents.upload(Callers.current(), new PatientId(patientId), kind, title,
                file.getOriginalFilename(), file.getContentType(), content, release);
        return ResponseEntity.created(URI.create("/api/v1/patients/" + patientId + "/documents/" + document.id()))
                .body(document);
    }

    @GetMapping
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    Map<String, List<Document>> list(@PathVariable UUID patientId) {
        return Map.of("items", documents.list(Callers.current(), new PatientId(patientId)));
    }

    @PostMapping("/{id}/release")
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    Document release(@PathVariable UUID patientId, @PathVariable UUID id) {
        return documents.release(Callers.current(), new PatientId(patientId), id);
    }

    @GetMapping("/{id}/content")
    @RequiresPermission(Permissions.CLINICAL_VIEW)
    ResponseEntity<byte[]> content(@PathVariable UUID patientId, @PathVariable UUID id) {
        Document.Content content = documents.content(Callers.current(), new PatientId(patientId), id);
        return Downloads.attachment(content.document().filename(), content.document().contentType(),
                content.bytes());
    }
}
