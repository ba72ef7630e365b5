package org.carerelay.video.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The local vendor's room: a page that stands where Whereby's room would be framed, so that the visit flow can
 * be tried without a vendor account. It shows nothing of the visit; only its own page may frame it.
 */
@Controller
class PlaceholderRoomController {

    @GetMapping("/video/placeholder/{room}")
    String room(@PathVariable String room, @RequestParam(required = false) String host, Model model) {
        model.addAttribute("host", host != null);
        return "video/placeholder-room";
    }
}
