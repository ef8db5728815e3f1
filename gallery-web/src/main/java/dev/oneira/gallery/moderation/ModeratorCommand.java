package dev.oneira.gallery.moderation;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code moderator add NAME}: makes a moderator account. The password is asked twice, without echo on a
 * terminal (read from stdin when piped, for scripts and tests); it is never an argument, so it stays out
 * of the shell history and the process list. Exit codes: 0 made, 1 refused, 2 usage.
 */
@ApplicationScoped
public class ModeratorCommand {

    @Inject
    Moderators moderators;

    public int run(String[] args) {
        return run(args, System.console(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err);
    }

    public int run(String[] args, Console console, BufferedReader stdin, PrintStream out, PrintStream err) {
        if (args.length != 3 || !"add".equals(args[1])) {
            err.println("usage: oneira moderator add NAME (the password is asked for, twice)");
            return 2;
        }
        String name = args[2];
        var nameProblem = Passwords.nameProblem(name);
        if (nameProblem.isPresent()) {
            err.println("moderator: " + nameProblem.get());
            return 1;
        }
        char[] first = null;
        char[] second = null;
        try {
            first = ask(console, stdin, "Password for " + name + " (at least " + Passwords.MIN_LENGTH + " characters): ");
            second = ask(console, stdin, "The same password again: ");
            if (first == null || second == null) {
                err.println("moderator: no password given; nothing was made");
                return 1;
            }
            if (!Arrays.equals(first, second)) {
                err.println("moderator: the two passwords differ; nothing was made");
                return 1;
            }
            moderators.add(name, first);
            out.println("moderator: " + name + " can now sign in at /moderation/login");
            return 0;
        } catch (ModerationRefused e) {
            err.println("moderator: " + e.detail() + "; nothing was made");
            return 1;
        } catch (IOException e) {
            err.println("moderator: cannot read the password: " + e.getMessage());
            return 1;
        } finally {
            wipe(first);
            wipe(second);
        }
    }

    private static char[] ask(Console console, BufferedReader stdin, String prompt) throws IOException {
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        String line = stdin.readLine();
        return line == null ? null : line.toCharArray();
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
