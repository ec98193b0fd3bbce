package ferry.ledger;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ferry.ledger.WriteAheadLog.Execution;

/**
 * The connection a piece of ledger work sees while its writes go to the {@link WriteAheadLog}: the real connection,
 * inside one transaction the caller commits, which notes every update that succeeded with its parameters. The work
 * keeps its own view of auto-commit and commits (they take effect when the whole work commits), so the ledger's
 * statements are the same on PostgreSQL, where no log is kept.
 */
final class RecordingConnection implements InvocationHandler {

    private final Connection real;
    private final List<Execution> executed = new ArrayList<>();
    private final Map<Savepoint, Integer> marks = new IdentityHashMap<>();
    private boolean autoCommit = true;

    /** Records the work done through {@link #connection()} on {@code real}, whose auto-commit is off. */
    RecordingConnection(Connection real) {
        this.real = real;
    }

    Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this);
    }

    /** The updates that took effect, in order. */
    List<Execution> executed() {
        return executed;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "setAutoCommit":
                autoCommit = (Boolean) args[0];
                return null;
            case "getAutoCommit":
                return autoCommit;
            case "commit":
                // the whole work is one transaction: committed, and logged, when it returns
                return null;
            case "rollback":
                if (args == null || args.length == 0) {
                    real.rollback();
                    executed.clear();
                    marks.clear();
                } else {
                    real.rollback((Savepoint) args[0]);
                    Integer mark = marks.get(args[0]);
                    if (mark != null) {
                        executed.subList(mark, executed.size()).clear();
                    }
                }
                return null;
            case "setSavepoint":
                Savepoint savepoint = (Savepoint) call(method, real, args);
                marks.put(savepoint, executed.size());
                return savepoint;
            case "prepareCall", "unwrap", "getConnection", "setShardingKey", "setShardingKeyIfValid":
                // a way around the recording: a write through it would be committed and never logged
                throw new UnsupportedOperationException("the ledger's recorded connection does not offer " + method.getName());
            case "prepareStatement":
                PreparedStatement prepared = (PreparedStatement) call(method, real, args);
                return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        new Recorder(prepared, (String) args[0]));
            case "createStatement":
                Statement statement = (Statement) call(method, real, args);
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new Recorder(statement, null));
            default:
                return call(method, real, args);
        }
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Notes a prepared statement's parameters as they are bound, and each execution that changed something. A plain
     * statement only queries: SQL given at execution, or batches, would be writes the recording never sees bound.
     */
    private final class Recorder implements InvocationHandler {
        private final Statement statement;
        private final String sql;
        private final Map<Integer, Object> parameters = new TreeMap<>();

        Recorder(Statement statement, String sql) {
            this.statement = statement;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean query = name.equals("executeQuery") && (sql != null) == (args == null || args.length == 0);
            if (name.equals("getConnection") || name.equals("unwrap") || name.contains("Batch")
                    || (name.startsWith("execute") && !query && (sql == null || (args != null && args.length > 0)))) {
                throw new UnsupportedOperationException("the ledger's recorded statements do not offer " + name
                        + (args == null ? "()" : "(" + args.length + " argument(s))"));
            }
            Object result = call(method, statement, args);
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                    && method.getParameterTypes()[0] == int.class) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                parameters.clear();
            } else if (name.equals("executeUpdate") || name.equals("executeLargeUpdate")) {
                // one that changed nothing would change nothing again on the same state (a heartbeat with no claims)
                if (((Number) result).longValue() != 0) {
                    executed.add(execution(sql));
                }
            } else if (name.equals("execute") && Boolean.FALSE.equals(result)) {
                executed.add(execution(sql));
            }
            return result;
        }

        private Execution execution(String text) {
            List<Object> values = new ArrayList<>(parameters.size());
            for (int i = 1; i <= parameters.size(); i++) {
                if (!parameters.containsKey(i)) {
                    throw new IllegalStateException("parameter " + i + " of '" + text + "' was not bound; bound: "
                            + Arrays.toString(parameters.keySet().toArray()));
                }
                values.add(parameters.get(i));
            }
            return new Execution(text, values);
        }
    }
}
