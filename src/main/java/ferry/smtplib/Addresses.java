package ferry.smtplib;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Parses the comma-separated address options strictly, naming the option when one is malformed. */
final class Addresses {

    private Addresses() {
    }

    /** The addresses of {@code value}, display names re-encoded (RFC 2047) so non-ASCII names are safe in headers. */
    static List<InternetAddress> parse(String option, String value) {
        List<InternetAddress> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        try {
            for (InternetAddress a : InternetAddress.parse(value, true)) {
                a.validate();
                out.add(new InternetAddress(a.getAddress(), a.getPersonal(), StandardCharsets.UTF_8.name()));
            }
            return out;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("smtplib:sendmail: " + option + " '" + value
                    + "' is not a valid address list: " + e.getMessage(), e);
        }
    }

    static List<String> bare(List<InternetAddress> addresses) {
        return addresses.stream().map(InternetAddress::getAddress).toList();
    }
}
