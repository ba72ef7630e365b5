package org.carerelay.practice.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderId;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.shared.Callers;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/providers")
class ProviderController {

    private final Providers providers;

    ProviderController(Providers providers) {
        this.providers = providers;
    }

    @PostMapping
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    ResponseEntity<Provider> create(@Valid @RequestBody ProviderDetails details) {
        Provider created = providers.create(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/providers/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_READ)
    Provider get(@PathVariable UUID id) {
        return providers.get(Callers.current().practice(), new ProviderId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    Provider update(@PathVariable UUID id, @Valid @RequestBody ProviderDetails details) {
        return providers.update(Callers.current(), new ProviderId(id), details);
    }

    @GetMapping
    @RequiresPermission(Permissions.PRACTICE_READ)
    ListPage<Provider> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return providers.list(Callers.current().practice(), new PageRequest(page, size));
    }
}
