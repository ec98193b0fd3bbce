package ferry.routes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A journal event's detail never carries a password, whichever way it is written. */
class JournalingTest {

    @Test
    void should_mask_a_password_in_a_parameter_or_a_url_and_leave_other_details_as_they_are() {
        assertFalse(Journaling.masked("smtplib:sendmail?host=mail&password=s3cret").contains("s3cret"));
        assertFalse(Journaling.masked("moved to ftp://ferry:s3cret@ftp.example/incoming/.done/a.csv").contains("s3cret"));
        assertEquals("ftp://127.0.0.1:21/incoming/.done/a.csv", Journaling.masked("ftp://127.0.0.1:21/incoming/.done/a.csv"));
        assertEquals("Message-ID <ab12@ferry>", Journaling.masked("Message-ID <ab12@ferry>"));
        assertEquals("226 Transfer complete.", Journaling.masked("226 Transfer complete."));
    }
}
