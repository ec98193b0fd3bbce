package ferry.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The embedded ledger's write-ahead log: the statements of each committed ledger transaction, appended to a file
 * in one write before the transaction's caller goes on. A write that has returned is in the operating system's
 * hands, so a kill -9 loses none of them, at the cost of one small append instead of H2 storing its changed pages
 * on every commit. A record is framed by its length and a checksum: a record cut short by a crash is ignored (its
 * caller never heard it was durable).
 */
final class WriteAheadLog implements AutoCloseable {

    /** One execution of a statement with its parameters (String, Long, Integer or null), in order. */
    record Execution(String sql, List<Object> parameters) {
    }

    /** One committed transaction: its sequence number and what it executed. */
    record Transaction(long seq, List<Execution> executions) {
    }

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;

    private final Path file;
    // not a FileChannel: an interrupted thread's write on one closes it for every later write (a worker a forced
    // route stop interrupted would leave the whole ledger unable to record anything until Ferry restarts)
    private final RandomAccessFile out;

    WriteAheadLog(Path file) throws IOException {
        this.file = file;
        this.out = new RandomAccessFile(file.toFile(), "rw");
        out.seek(out.length());
    }

    Path file() {
        return file;
    }

    /** Appends one record ({@link #encode}) in a single write; returns once the operating system has it. */
    void append(byte[] record) throws IOException {
        out.write(record);
    }

    /** A transaction as the log stores it: its length, its statements and their parameters, a checksum. */
    static byte[] encode(Transaction transaction) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(body);
        out.writeLong(transaction.seq());
        out.writeInt(transaction.executions().size());
        for (Execution e : transaction.executions()) {
            out.writeUTF(e.sql());
            out.writeShort(e.parameters().size());
            for (Object p : e.parameters()) {
                write(out, p);
            }
        }
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteBuffer frame = ByteBuffer.allocate(bytes.length + 8);
        frame.putInt(bytes.length).put(bytes).putInt((int) crc.getValue());
        return frame.array();
    }

    private static void write(DataOutputStream out, Object p) throws IOException {
        if (p == null) {
            out.writeByte(NULL);
        } else if (p instanceof String s) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else if (p instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (p instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else {
            // only what the ledger's statements bind; another type would be lost on replay, so refuse it loudly
            throw new IllegalArgumentException("the ledger's write-ahead log cannot record a parameter of type "
                    + p.getClass().getName());
        }
    }

    /** The complete transactions in the file, in order; reading stops at the first one cut short or damaged. */
    List<Transaction> read() throws IOException {
        List<Transaction> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                int length;
                byte[] bytes;
                int sum;
                try {
                    length = in.readInt();
                    if (length < 12) {
                        return out;
                    }
                    bytes = in.readNBytes(length);
                    if (bytes.length < length) {
                        return out;
                    }
                    sum = in.readInt();
                } catch (EOFException e) {
                    return out;
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if ((int) crc.getValue() != sum) {
                    return out;
                }
                out.add(parse(bytes));
            }
        }
    }

    private static Transaction parse(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        long seq = in.readLong();
        int count = in.readInt();
        List<Execution> executions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sql = in.readUTF();
            int n = in.readShort();
            List<Object> parameters = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                byte type = in.readByte();
                parameters.add(switch (type) {
                    case STRING -> in.readUTF();
                    case LONG -> in.readLong();
                    case INT -> in.readInt();
                    default -> null;
                });
            }
            executions.add(new Execution(sql, parameters));
        }
        return new Transaction(seq, executions);
    }

    long size() throws IOException {
        return out.length();
    }

    /** Empties the log: everything in it is in the database's own file now. */
    void clear() throws IOException {
        out.setLength(0);
        out.seek(0);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
