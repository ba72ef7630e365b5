package org.carerelay.practice;

import org.carerelay.shared.InvalidFieldException;

/**
 * The National Provider Identifier check: ten digits whose last is a Luhn check digit computed over the
 * number prefixed with 80840 (the NPI's ISO issuer prefix), as CMS specifies.
 */
public final class Npi {

    private Npi() {
    }

    static String check(String npi, String field) {
        if (npi == null || !npi.matches("\\d{10}") || !luhnValid("80840" + npi)) {
            throw new InvalidFieldException(field, "is not a valid 10-digit NPI");
        }
        return npi;
    }

    /** The NPI made of {@code nineDigits} and their check digit (for synthetic test and demo data). */
    public static String withCheckDigit(String nineDigits) {
        for (int check = 0; check <= 9; check++) {
            if (luhnValid("80840" + nineDigits + check)) {
                return nineDigits + check;
            }
        }
        throw new IllegalArgumentException("nine digits expected");
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
