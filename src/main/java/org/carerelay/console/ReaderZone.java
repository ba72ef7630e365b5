package org.carerelay.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.carerelay.practice.Locations;
import org.carerelay.shared.Callers;
import org.carerelay.shared.PageRequest;
import org.carerelay.shared.PracticeId;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The zone a staff member reads the console's times in: their browser's (the {@code carerelay_zone} cookie that
 * {@code reader-zone.js} sets on every page), else the practice's first location's. Pages name it beside every
 * time, so a New York message read in Chicago is never an unlabelled hour off. Every console page has it as
 * {@code readerZone}.
 */
@ControllerAdvice(basePackageClasses = ReaderZone.class)
class ReaderZone {

    static final String COOKIE = "carerelay_zone";

    private final Locations locations;

    ReaderZone(Locations locations) {
        this.locations = locations;
    }

    @ModelAttribute("readerZone")
    ZoneId readerZone(HttpServletRequest request) {
        return of(request, Callers.current().practice());
    }

    ZoneId of(HttpServletRequest request, PracticeId practice) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    try {
                        return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
                    } catch (DateTimeException | IllegalArgumentException notAZone) {
                        break; // a forged or stale cookie: the practice's zone
                    }
                }
            }
        }
        return locations.list(practice, new PageRequest(0, 1)).items().stream().findFirst()
                .map(location -> ZoneId.of(location.timeZone())).orElse(ZoneOffset.UTC);
    }
}
