package org.carerelay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.carerelay.IntegrationTest;
import org.carerelay.TestPractices;
import org.carerelay.identity.PatientSignIn;
import org.carerelay.identity.WebClient;
import org.carerelay.identity.WebSessions;
import org.carerelay.practice.Practice;
import org.carerelay.practice.Practices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The portal's sign-in page on a server of several practices: it names the practice of its address and no other,
 * unless the operator lists them.
 */
@IntegrationTest
class PortalSignInPageIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    Practice riverside;
    Practice harbor;

    @BeforeEach
    void twoPractices() {
        Practices practices = context.getBean(Practices.class);
        riverside = practices.get(TestPractices.register(context).id());
        harbor = practices.get(TestPractices.register(context).id());
    }

    @Test
    void withoutAPracticeInTheAddressItAsksForThePracticesSignInAddressAndListsNone() throws Exception {
        MockHttpServletResponse page = new WebClient(mvc).get("/portal/sign-in").getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("use your practice's own sign-in address")
                .doesNotContain("Choose your practice", "?practice=", riverside.slug(), harbor.slug(), "name=\"contact\"");
    }

    @Test
    void theAddressOfAPracticeShowsThatPracticeAloneAndTheBrowserKeepsIt() throws Exception {
        WebClient browser = new WebClient(mvc);
        String page = browser.get("/portal/sign-in?practice=" + riverside.slug()).getResponse().getContentAsString();

        assertThat(page).contains("Sign in to your patient portal", "value=\"" + riverside.slug() + "\"",
                "name=\"contact\"").doesNotContain(harbor.slug());
        assertThat(browser.get("/portal/sign-in").getResponse().getContentAsString())
                .contains("value=\"" + riverside.slug() + "\"").doesNotContain(harbor.slug());
    }

    @Test
    void anAddressThatNamesNoPracticeSaysSoAndListsNone() throws Exception {
        MockHttpServletResponse page = new WebClient(mvc).get("/portal/sign-in?practice=no-such-practice")
                .getResponse();

        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getContentAsString()).contains("names no practice on this server")
                .doesNotContain(riverside.slug(), harbor.slug(), "name=\"contact\"");
    }

    @Test
    void anOperatorWhoListsThePracticesLetsPatientsChoose() throws Exception {
        PortalSignInController listing = new PortalSignInController(context.getBean(PatientSignIn.class),
                context.getBean(WebSessions.class), context.getBean(Practices.class), new PortalSignInSettings(true));
        ThymeleafViewResolver pages = new ThymeleafViewResolver();
        pages.setTemplateEngine(context.getBean(SpringTemplateEngine.class));
        pages.setCharacterEncoding("UTF-8");
        MockMvc server = MockMvcBuilders.standaloneSetup(listing).setViewResolvers(pages).build();

        String page = server.perform(MockMvcRequestBuilders.get("/portal/sign-in")).andReturn().getResponse()
                .getContentAsString();

        assertThat(page).contains("Choose your practice", "?practice=" + riverside.slug(),
                "?practice=" + harbor.slug());
    }
}
