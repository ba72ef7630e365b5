package org.carerelay.identity;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerelay.practice.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The permission matrix: which permissions each staff role holds, read from the database. The matrix changes
 * only with a migration, so it is read once, when first needed.
 */
@Service
public class Roles {

    /** A role with its display name and the permissions it holds. */
    public record Role(StaffRole code, String name, Set<String> permissions) {
    }

    private final JdbcClient jdbc;
    private volatile Map<StaffRole, Role> matrix;

    Roles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Role> all() {
        return matrix().values().stream().sorted(Comparator.comparing(Role::code)).toList();
    }

    public Set<String> permissionsOf(StaffRole role) {
        Role found = matrix().get(role);
        return found == null ? Set.of() : found.permissions();
    }

    private Map<StaffRole, Role> matrix() {
        Map<StaffRole, Role> loaded = matrix;
        if (loaded == null) {
            loaded = load();
            matrix = loaded;
        }
        return loaded;
    }

    private Map<StaffRole, Role> load() {
        Map<String, Set<String>> permissions = new HashMap<>();
        jdbc.sql("SELECT role_code, permission_code FROM role_permission")
                .query(rs -> {
                    permissions.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        Map<StaffRole, Role> loaded = new EnumMap<>(StaffRole.class);
        jdbc.sql("SELECT code, name FROM role")
                .query((rs, n) -> new Role(StaffRole.valueOf(rs.getString("code")), rs.getString("name"),
                        Set.copyOf(permissions.getOrDefault(rs.getString("code"), Set.of()))))
                .list()
                .forEach(role -> loaded.put(role.code(), role));
        return Map.copyOf(loaded);
    }
}
