package dev.oneira.shared.spec;

import java.math.BigDecimal;

/** Number formatting for messages and text fields: {@code 1} not {@code 1.0}, {@code 0.0001} not {@code 1.0E-4}. */
final class Numbers {

    private Numbers() {
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
