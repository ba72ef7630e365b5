package org.carerelay.identity.web;

import java.util.List;

import org.carerelay.identity.Roles;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RoleController {

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    /** The role matrix: every role with the permissions it holds. */
    @GetMapping("/api/v1/roles")
    @RequiresPermission(Permissions.PRACTICE_READ)
    List<Roles.Role> roles() {
        return roles.all();
    }
}
