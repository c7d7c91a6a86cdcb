package org.rostersync;

import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

/** Entry point: {@code java -jar rostersync.jar [serve]} starts HTTP, SFTP and the pipeline. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        switch (command) {
            case "serve" -> Micronaut.build(args.length > 0 && !args[0].startsWith("-")
                            ? Arrays.copyOfRange(args, 1, args.length) : args)
                    .mainClass(Application.class)
                    .banner(false)
                    .start();
            case "validate" -> System.exit(new ValidateCommand(System.out, System.err)
                    .run(Arrays.asList(args).subList(1, args.length)));
            case "help", "--help", "-h" -> System.out.println(usage());
            default -> {
                System.err.println("rostersync: unknown command '" + command + "'\n" + usage());
                System.exit(2);
            }
        }
    }

    private static String usage() {
        return """
                usage: java -jar rostersync.jar [serve]
                       java -jar rostersync.jar validate PATH [--format text|json|csv]
                  serve     start the HTTP API, the SFTP server and the pipeline (the default)
                  validate  check a delivery (a folder or a .zip) as a run would, without a database;
                            exit 0: nothing to fix, 1: errors or skipped rows, 2: unreadable
                configuration: environment variables ROSTERSYNC_* or a YAML file named by MICRONAUT_CONFIG_FILES (see README.md)""";
    }
}
