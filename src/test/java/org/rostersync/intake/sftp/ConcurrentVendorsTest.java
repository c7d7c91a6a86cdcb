package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fifty vendors, each with its own account, upload a whole delivery concurrently; every file arrives intact. */
class ConcurrentVendorsTest {

    @Test
    void fiftyVendorsUploadingAtOnceEachGetTheirOwnDeliveryIntact() throws Exception {
        // in production 50 vendors come from 50 addresses; here all share 127.0.0.1, whose limit is raised to let them
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.max-connections-per-address", 60))) {
            uploadAtOnce(app);
        }
    }

    private static void uploadAtOnce(RunningApp.App app) throws Exception {
        Map<String, byte[]> delivery = new TreeMap<>();
        try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
            for (Path p : files.toList()) {
                delivery.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        List<Fixture> vendors = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            vendors.add(Fixture.create(app, "Concurrent vendor " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(vendors.size());
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (Fixture vendor : vendors) {
                uploads.add(pool.submit(() -> {
                    try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword());
                         SFTPClient sftp = ssh.newSFTPClient()) {
                        for (Map.Entry<String, byte[]> file : delivery.entrySet()) {
                            try (RemoteFile remote = sftp.open(file.getKey(), EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                                remote.write(0, file.getValue(), 0, file.getValue().length);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> expected = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : delivery.entrySet()) {
            expected.put(file.getKey(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.getValue())));
        }
        Inbox inbox = app.context().getBean(Inbox.class);
        for (Fixture vendor : vendors) {
            List<DeliveryFile> got = inbox.delivery(vendor.sourceId());
            assertEquals(expected, got.stream().collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256, (a, b) -> a,
                    TreeMap::new)), vendor.sftpUser());
            for (Map.Entry<String, byte[]> file : delivery.entrySet()) {
                assertEquals(expected.get(file.getKey()), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(inbox.folder(vendor.sourceId()).resolve(file.getKey())))));
            }
        }
    }
}
