package ferry.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sizes as users write them in settings, and as Ferry writes them into mails and reports. */
class DataSizeTest {

    @Test
    void should_parse_sizes_in_powers_of_1024() {
        assertEquals(20L * 1024 * 1024, DataSize.parse("20MB"));
        assertEquals(512L * 1024, DataSize.parse(" 512 kb "));
        assertEquals(1048576L, DataSize.parse("1048576"));
        assertThrows(IllegalArgumentException.class, () -> DataSize.parse("20 MiB"));
    }

    @Test
    void should_format_with_one_decimal_and_the_exact_bytes() {
        assertEquals("312 bytes", DataSize.format(312));
        assertEquals("1.0 KiB (1024 bytes)", DataSize.format(1024));
        assertEquals("1.5 KiB (1536 bytes)", DataSize.format(1536));
        assertEquals("20.0 MiB (20971520 bytes)", DataSize.format(20L * 1024 * 1024));
        assertEquals("1024.0 KiB (1048535 bytes)", DataSize.format(1048535));
        assertEquals("2.3 GiB (2469606195 bytes)", DataSize.format(2469606195L));
    }
}
