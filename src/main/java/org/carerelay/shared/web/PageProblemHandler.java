package org.carerelay.shared.web;

import java.util.Map;

import org.carerelay.shared.ConflictException;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages' answer to a request they cannot serve (a mangled filter in an address, a conversation that is not
 * the practice's): a readable page with the right status, never a stack trace. The API has its own
 * ({@code ApiProblemHandler}).
 */
@ControllerAdvice(basePackages = {"org.carerelay.console", "org.carerelay.portal", "org.carerelay.video.web"})
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

    @ExceptionHandler(InvalidFieldException.class)
    ModelAndView invalid(InvalidFieldException e) {
        return new ModelAndView("error-page", Map.of("status", 400), HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return new ModelAndView("error-page", Map.of("status", 409), HttpStatus.CONFLICT);
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return new ModelAndView("error-page", Map.of("status", 404), HttpStatus.NOT_FOUND);
    }
}
