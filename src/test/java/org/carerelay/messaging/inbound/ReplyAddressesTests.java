package org.carerelay.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.carerelay.messaging.ReplyThreading;
import org.junit.jupiter.api.Test;

/** Reading a reply address back: its token, and the address it extends. */
class ReplyAddressesTests {

    private static final String TOKEN = ReplyThreading.newToken();

    @Test
    void aReplyAddressCarriesItsTokenAndExtendsThePracticesAddress() {
        String address = "office+r-" + TOKEN + "@clinic.example.test";
        assertThat(ReplyAddresses.token(address)).contains(TOKEN);
        assertThat(ReplyAddresses.withoutToken(address)).isEqualTo("office@clinic.example.test");
        String bySlug = "no-reply+riverside+r-" + TOKEN + "@carerelay.example.test";
        assertThat(ReplyAddresses.token(bySlug)).contains(TOKEN);
        assertThat(ReplyAddresses.withoutToken(bySlug)).isEqualTo("no-reply+riverside@carerelay.example.test");
    }

    @Test
    void anyOtherAddressIsLeftAsItIs() {
        for (String address : new String[] {"office@clinic.example.test", "inbox+riverside@carerelay.example.test",
                "office+r-short@clinic.example.test", "office+r-" + TOKEN + "x@clinic.example.test"}) {
            assertThat(ReplyAddresses.token(address)).as(address).isEmpty();
            assertThat(ReplyAddresses.withoutToken(address)).isEqualTo(address);
        }
    }

    @Test
    void tokensAreNewEachTimeAndLookAlike() {
        assertThat(ReplyThreading.newToken()).isNotEqualTo(TOKEN).matches(ReplyThreading.TOKEN);
    }
}
