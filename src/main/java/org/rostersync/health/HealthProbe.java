package org.rostersync.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code rostersync healthcheck [URL]}: exit 0 when {@code GET /health} answers 200, 1 otherwise. A container's health
 * check runs it (the image has no curl: deploy/compose.yml), so it needs nothing but the image's own Java.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    /** The service's own health address on this machine: {@code ROSTERSYNC_HTTP_PORT}, plain HTTP. */
    public static String localUrl(String port) {
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.strip()) + "/health";
    }

    /** @return 0 when the URL answers 200; 1 when it answers otherwise or not at all (said on standard error) */
    public static int check(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return 0;
            }
            System.err.println("rostersync: " + url + " answered " + answer.statusCode() + ": " + answer.body());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("rostersync: " + url + " did not answer: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
