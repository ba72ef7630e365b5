package org.carerelay.identity.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.carerelay.identity.ApiToken;
import org.carerelay.identity.ApiTokens;
import org.carerelay.identity.IssuedToken;
import org.carerelay.practice.StaffRole;
import org.carerelay.shared.Callers;
import org.carerelay.shared.ListPage;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-tokens")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record IssueTokenRequest(@NotBlank @Size(max = 100) String name, @jakarta.validation.constraints.NotNull StaffRole role) {
    }

    /**
     * Issues a token acting for whomever the caller acts for; the response is the only place its secret ever
     * appears. 403 when the role holds a permission the caller lacks.
     */
    @PostMapping
    @RequiresPermission(Permissions.TOKENS_MANAGE)
    ResponseEntity<IssuedToken> issue(@Valid @RequestBody IssueTokenRequest request) {
        IssuedToken issued = tokens.issue(Callers.current(), request.name(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + issued.token().id())).body(issued);
    }

    @GetMapping
    @RequiresPermission(Permissions.TOKENS_MANAGE)
    ListPage<ApiToken> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) int size) {
        return tokens.list(Callers.current().practice(), new PageRequest(page, size));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permissions.TOKENS_MANAGE)
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }
}
