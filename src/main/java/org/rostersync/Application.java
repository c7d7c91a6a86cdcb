package org.rostersync;

import org.rostersync.health.HealthProbe;
import org.rostersync.health.Version;

import java.util.Arrays;
import java.util.Set;

/** Entry point: {@code java -jar rostersync.jar [serve]} starts HTTP, SFTP and the pipeline. */
public final class Application {

    private static final Set<String> HELP = Set.of("help", "--help", "-h");
    private static final Set<String> VERSION = Set.of("version", "--version", "-V");

    private Application() {
    }

    /**
     * The command the arguments name: the first one, or {@code serve} when there is none or it is one of serve's options
     * ({@code -Dx=y}, {@code --micronaut...}). Help, in any of its spellings, is never taken for an option of serve's:
     * that started the server and printed a generated admin password. ({@code validate} answers its own.)
     */
    static String command(String[] args) {
        String first = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        if (HELP.contains(first) || first.equals("serve") && Arrays.stream(args).anyMatch(HELP::contains)) {
            return "help";
        }
        // like help: never taken for an option of serve's, which would start the server instead of answering
        if (VERSION.contains(first) || first.equals("serve") && Arrays.stream(args).anyMatch(VERSION::contains)) {
            return "version";
        }
        return first;
    }

    public static void main(String[] args) {
        String command = command(args);
        switch (command) {
            case "serve" -> new ServeCommand().args(args.length > 0 && !args[0].startsWith("-")
                            ? Arrays.copyOfRange(args, 1, args.length) : args)
                    .mainClass(Application.class)
                    .banner(false)
                    .start();
            case "validate" -> System.exit(new ValidateCommand(System.out, System.err)
                    .run(Arrays.asList(args).subList(1, args.length)));
            case "backup", "restore" -> System.exit(new BackupCommand(System.out, System.err)
                    .runConfigured(command, Arrays.asList(args).subList(1, args.length)));
            case "help" -> System.out.println(usage());
            case "version" -> System.out.println("rostersync " + Version.current());
            case "healthcheck" -> System.exit(HealthProbe.check(args.length > 1 ? args[1]
                    : HealthProbe.localUrl(System.getenv("ROSTERSYNC_HTTP_PORT"))));
            default -> {
                System.err.println("rostersync: unknown command '" + command + "'\n" + usage());
                System.exit(2);
            }
        }
    }

    private static String usage() {
        return """
                usage: java -jar rostersync.jar [serve]
                       java -jar rostersync.jar validate PATH [--rules FILE] [--max N] [--format text|json|csv]
                       java -jar rostersync.jar backup DIR | restore DIR
                       java -jar rostersync.jar help | --help | -h
                       java -jar rostersync.jar version | --version | -V
                       java -jar rostersync.jar healthcheck [URL]
                  serve     start the HTTP API, the SFTP server and the pipeline (the default)
                  validate  check a delivery (a folder or a .zip) as a run would, without a database; with
                            --rules, under a source's exported settings (validate --help says more);
                            exit 0: nothing to fix, 1: errors or skipped rows, 2: unreadable
                  backup    save the embedded database and the data directory's files into DIR, while the
                            service runs; restore makes a new data directory from it (see docs/administrator-guide.md)
                  version   print the version (also in GET /health)
                  healthcheck  exit 0 if URL (default http://127.0.0.1:$ROSTERSYNC_HTTP_PORT/health) answers 200
                configuration: environment variables ROSTERSYNC_* or a YAML file named by MICRONAUT_CONFIG_FILES (see README.md)""";
    }
}
