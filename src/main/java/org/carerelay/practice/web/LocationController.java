package org.carerelay.practice.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationId;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
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
@RequestMapping("/api/v1/locations")
class LocationController {

    private final Locations locations;

    LocationController(Locations locations) {
        this.locations = locations;
    }

    @PostMapping
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    ResponseEntity<Location> create(@Valid @RequestBody LocationDetails details) {
        Location created = locations.create(Callers.current(), details);
        return ResponseEntity.created(URI.create("/api/v1/locations/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_READ)
    Location get(@PathVariable UUID id) {
        return locations.get(Callers.current().practice(), new LocationId(id));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permissions.PRACTICE_MANAGE)
    Location update(@PathVariable UUID id, @Valid @RequestBody LocationDetails details) {
        return locations.update(Callers.current(), new LocationId(id), details);
    }

    @GetMapping
    @RequiresPermission(Permissions.PRACTICE_READ)
    ListPage<Location> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return locations.list(Callers.current().practice(), new PageRequest(page, size));
    }
}
