package org.carerelay.shared.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of patient-facing pages: English or Spanish. A page that knows its patient sets their preferred
 * language (and the cookie keeps it for the next page); otherwise the browser's Accept-Language decides.
 */
@Configuration
class LocaleConfiguration {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("carerelay_lang");
        resolver.setDefaultLocaleFunction(request -> {
            Locale wanted = request.getLocale();
            return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(wanted.getLanguage()))
                    .findFirst().orElse(Locale.ENGLISH);
        });
        return resolver;
    }
}
