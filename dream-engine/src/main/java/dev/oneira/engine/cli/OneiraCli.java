package dev.oneira.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the engine's command line: {@code oneira dream}, {@code zoom}, {@code sheet}, {@code classify} and {@code bench}. */
@Command(name = "oneira", mixinStandardHelpOptions = true, version = "oneira 0.1.0",
        description = "DeepDream on InceptionV3, from the command line.",
        subcommands = {DreamCommand.class, ZoomCommand.class, SheetCommand.class, ClassifyCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the dream (or benchmark) finished",
            "1:an unexpected internal error",
            "2:invalid arguments or dream settings",
            "3:the input image is missing or unreadable",
            "4:the output cannot be written",
            "5:the engine cannot start on this machine (natives or network missing)",
            "130:interrupted (Ctrl-C)"})
public final class OneiraCli implements Runnable {
    static final int INTERNAL = 1;
    static final int INVALID_ARGUMENTS = 2;
    static final int BAD_INPUT = 3;
    static final int CANNOT_WRITE = 4;
    static final int CANNOT_START = 5;
    static final int INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: dream, zoom, sheet, classify or bench");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new OneiraCli());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? INVALID_ARGUMENTS : INTERNAL);
        // One clear line for bad arguments, then where to get help, instead of the whole usage text.
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("oneira: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return INVALID_ARGUMENTS;
        });
        return cli;
    }
}
