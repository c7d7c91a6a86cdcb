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
                  serve   start the HTTP API, the SFTP server and the pipeline (the default)
                configuration: environment variables ROSTERSYNC_* or a YAML file named by MICRONAUT_CONFIG_FILES (see README.md)""";
    }
}
