package org.carerelay.settings.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.carerelay.settings.SettingValue;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Callers;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.RequiresPermission;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/settings")
class SettingsController {

    private final Settings settings;

    SettingsController(Settings settings) {
        this.settings = settings;
    }

    @GetMapping
    @RequiresPermission(Permissions.SETTINGS_MANAGE)
    List<SettingValue> list() {
        return settings.list(Callers.current().practice());
    }

    @GetMapping("/{key}")
    @RequiresPermission(Permissions.SETTINGS_MANAGE)
    SettingValue get(@PathVariable String key) {
        return settings.view(Callers.current().practice(), key);
    }

    record NewValue(@NotNull String value) {
    }

    @PutMapping("/{key}")
    @RequiresPermission(Permissions.SETTINGS_MANAGE)
    SettingValue set(@PathVariable String key, @Valid @RequestBody NewValue value) {
        return settings.set(Callers.current(), key, value.value());
    }

    /** Removes the stored value: the deployed fallback applies again. */
    @DeleteMapping("/{key}")
    @RequiresPermission(Permissions.SETTINGS_MANAGE)
    SettingValue reset(@PathVariable String key) {
        return settings.reset(Callers.current(), key);
    }
}
