package org.carerelay.scheduling.web;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.carerelay.scheduling.Waitlist;
import org.carerelay.scheduling.WaitlistOffers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The claim link of a waitlist offer ({@code /w/<token>}): opening it shows the slot and one button, pressing it
 * claims the slot if no one else did first. No sign-in and no CSRF token: the link's secret is the proof.
 */
@Controller
class WaitlistClaimController {

    private final WaitlistOffers offers;
    private final LocaleResolver locales;

    WaitlistClaimController(WaitlistOffers offers, LocaleResolver locales) {
        this.offers = offers;
        this.locales = locales;
    }

    @GetMapping("/w/{token}")
    String open(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return page(token, offers.view(token), null, model, request, response);
    }

    @PostMapping("/w/{token}")
    String claim(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<Waitlist.Claim> claim = offers.claim(token);
        return page(token, offers.view(token), claim.orElse(null), model, request, response);
    }

    private String page(String token, Optional<WaitlistOffers.View> view, Waitlist.Claim claim, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (view.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else {
            locales.setLocale(request, response, Locale.forLanguageTag(view.get().language()));
            model.addAttribute("zone", ZoneId.of(view.get().timeZone()));
        }
        model.addAttribute("token", token);
        model.addAttribute("view", view.orElse(null));
        model.addAttribute("claim", claim);
        return "scheduling/waitlist-claim";
    }
}
