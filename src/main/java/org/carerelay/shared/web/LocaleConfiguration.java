package org.carerelay.shared.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of patient-facing pages: English or Spanish. A page that knows its patient sets their preferred
 * language unless they chose one ({@code ?lang=es} on any portal page; the cookie keeps the choice); otherwise
 * the browser's Accept-Language decides.
 */
@Configuration
class LocaleConfiguration implements WebMvcConfigurer {

    /** The cookie that keeps a patient's language. */
    static final String COOKIE = "carerelay_lang";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String localeValue) {
                return supported(super.parseLocaleValue(localeValue));
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/portal/**", "/r/**", "/w/**");
    }

    private static Locale supported(Locale wanted) {
        return SUPPORTED.stream().filter(locale -> wanted != null && locale.getLanguage().equals(wanted.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH);
    }
}
