package dev.progy.server.registry;

import dev.progy.CourseArchive;
import dev.progy.Progy;
import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.assets.AssetOptimizer;
import dev.progy.assets.AssetOptions;
import dev.progy.assets.OptimizationReport;
import dev.progy.guard.rule.Finding;
import dev.progy.guard.Guard;
import dev.progy.guard.GuardLimits;
import dev.progy.guard.GuardOptions;
import dev.progy.guard.GuardReport;
import dev.progy.guard.rule.Severity;
import dev.progy.model.Course;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.server.jobs.Job;
import dev.progy.server.jobs.Jobs;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.sync.hub.HubRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A publish as durable jobs, one kind per step ({@link #STEPS}), each queued by the one before with the publish id
 * as its idempotency key: a step is queued once per publish, and runs again only when the server running it died
 * before it finished (its lease ran out) or its attempt failed. A step records its state before and after its
 * work; one that finished is not done again, it only queues the next step. The last step (images) makes the version
 * live with a conditional update, so it goes live once however often that step runs. A failed step rejects the
 * version: nothing of it becomes live, and the Guard report (its steps' findings) stays for the author.
 */
final class PublishPipeline {

    static final List<String> STEPS = List.of("limits", "guard", "runs", "links", "ai-review", "images");

    static final String WAITING = "waiting";
    static final String RUNNING = "running";
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";
    static final String WARNING = "warning";

    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PublishPipeline.class);

    /** What a step came to. */
    private record Outcome(String state, String detail, List<Finding> findings) {
        static Outcome of(List<Finding> findings, String clean) {
            boolean errors = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
            boolean warnings = findings.stream().anyMatch(f -> f.severity() == Severity.WARNING);
            return new Outcome(errors ? FAILED : warnings ? WARNING : PASSED, GuardFindings.summary(findings, clean),
                    findings);
        }
    }

    private final HubRegistry store;
    private final BlobStore blobs;
    private final Jobs jobs;
    private final RegistryKeys keys;
    private final RegistrySettings settings;
    private final Publishing publishing;
    private final Clock clock;

    PublishPipeline(HubRegistry store, BlobStore blobs, Jobs jobs, RegistryKeys keys, RegistrySettings settings,
                    Publishing publishing, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.jobs = jobs;
        this.keys = keys;
        this.settings = settings;
        this.publishing = publishing;
        this.clock = clock;
    }

    static String kind(String step) {
        return "registry.publish." + step;
    }

    /** Registers a handler for each step's jobs. */
    void register() {
        for (String step : STEPS) {
            // solution runs and link checks may take minutes: a few attempts, a minute apart
            jobs.register(kind(step), ATTEMPTS, Duration.ofSeconds(30), job -> run(step, job));
        }
    }

    /**
     * Queues the first step of every pending publish again: nothing for those whose pipeline runs (the step's key
     * was queued before), and the start of one whose server stopped between accepting the upload and queueing it.
     */
    void resumeAll() {
        for (String publishId : store.pendingPublishes()) {
            jobs.enqueue(kind(STEPS.get(0)), publishId, publishId);
        }
    }

    private void run(String step, Job job) throws IOException {
        String publishId = job.payload();
        Optional<HubRegistry.Version> found = store.publish(publishId);
        if (found.isEmpty() || !found.get().state().equals(HubRegistry.PENDING)) {
            return; // deleted, rejected or live already: nothing left to do
        }
        HubRegistry.Version version = found.get();
        HubRegistry.Step recorded = store.steps(version.id()).stream().filter(s -> s.step().equals(step)).findFirst()
                .orElseThrow(() -> new IllegalStateException("publish " + publishId + " has no step " + step));
        String state = recorded.state();
        Path archive = null;
        try {
            if (state.equals(WAITING) || state.equals(RUNNING) || step.equals("images")) {
                archive = staged(version);
                store.setStep(version.id(), step, RUNNING, "", "[]");
                Outcome outcome;
                try {
                    outcome = work(step, version, archive);
                } catch (RuntimeException | IOException e) {
                    if (job.attempt() < ATTEMPTS) {
                        throw e; // tried again later
                    }
                    outcome = new Outcome(FAILED, "the " + step + " step could not finish on the server ("
                            + e.getMessage() + "); publish again later", List.of());
                }
                if (!store.setStep(version.id(), step, outcome.state(), outcome.detail(),
                        GuardFindings.toJson(outcome.findings()))) {
                    return;
                }
                state = outcome.state();
            }
            if (state.equals(FAILED)) {
                if (store.reject(version.id())) {
                    LOG.atInfo().addKeyValue("course", version.course()).addKeyValue("version", version.version())
                            .addKeyValue("step", step).log("publish rejected");
                }
                return;
            }
            int next = STEPS.indexOf(step) + 1;
            if (next < STEPS.size()) {
                jobs.enqueue(kind(STEPS.get(next)), publishId, publishId);
            }
        } finally {
            Publishing.deleteQuietly(archive);
        }
    }

    private Outcome work(String step, HubRegistry.Version version, Path archive) throws IOException {
        return switch (step) {
            case "limits" -> limits(archive);
            case "guard" -> Outcome.of(Guard.check(archive, options()).findings(), "no findings");
            case "runs" -> runs(archive);
            case "links" -> links(archive);
            case "ai-review" -> aiReview(archive);
            case "images" -> images(version, archive);
            default -> throw new IllegalStateException("no step " + step);
        };
    }

    private GuardOptions options() {
        GuardLimits d = GuardLimits.DEFAULT;
        return GuardOptions.defaults().withLimits(new GuardLimits(d.maxFiles(), d.maxFileBytes(),
                settings.maxUnpacked(), settings.maxArchive()));
    }

    private Outcome limits(Path archive) throws IOException {
        long size = Files.size(archive);
        if (size > settings.maxArchive()) {
            return new Outcome(FAILED, "the archive is " + size + " bytes, over the " + settings.maxArchive()
                    + " allowed", List.of());
        }
        try {
            publishing.read(archive);
        } catch (dev.progy.server.http.ApiException e) {
            return new Outcome(FAILED, e.getMessage(), List.of());
        }
        return new Outcome(PASSED, size + " bytes, within the limits", List.of());
    }

    /** The findings of a Guard run with {@code options} that the static checks alone do not make. */
    private List<Finding> beyondStatic(Path archive, GuardOptions options) {
        List<Finding> statics = Guard.check(archive, options()).findings();
        List<Finding> all = new ArrayList<>(Guard.check(archive, options).findings());
        all.removeAll(statics);
        return all;
    }

    private Outcome runs(Path archive) {
        if (!settings.runSolutions()) {
            return new Outcome(SKIPPED, "not verified: solution runs are turned off on this server", List.of());
        }
        Course course;
        try (Progy progy = Progy.builder().build()) {
            course = progy.loadCourse(archive);
        } catch (ProgyException e) {
            return new Outcome(FAILED, "the course does not load: " + e.getMessage(), List.of());
        }
        Optional<RunnerSpec> spec = course.runners().stream().filter(r -> r.type() != RunnerType.PROCESS).findFirst();
        if (spec.isEmpty()) {
            return new Outcome(SKIPPED, "not verified: the course's runners run on the student's own machine "
                    + "(process), which this server never does; only container runners are run here", List.of());
        }
        ProviderConfig config = ProviderConfig.fromSystem();
        List<String> why = new ArrayList<>();
        RunnerProvider chosen = null;
        for (RunnerProvider p : ProviderDiscovery.using(config).all(RunnerProvider.class)) {
            if (!p.supports(spec.get().type()) || p.supports(RunnerType.PROCESS)) {
                continue; // never the host runner
            }
            var availability = p.availability(config);
            if (availability.usable()) {
                chosen = p;
                break;
            }
            why.add(p.id() + ": " + availability.reason());
        }
        if (chosen == null) {
            return new Outcome(SKIPPED, "not verified: no container engine to run the solutions in on this server"
                    + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"), List.of());
        }
        try (Runner runner = chosen.create(config); Progy progy = Progy.builder().runner(runner).build()) {
            List<Finding> found = beyondStatic(archive, options().runningSolutions(progy, Optional.of(spec.get().id())));
            return Outcome.of(found, "every starter fails and every solution passes in " + chosen.id());
        } catch (Exception e) {
            throw new IllegalStateException("the solution runs could not finish: " + e.getMessage(), e);
        }
    }

    private Outcome links(Path archive) {
        if (!settings.checkLinks()) {
            return new Outcome(SKIPPED, "external links are not checked on this server", List.of());
        }
        return Outcome.of(beyondStatic(archive, options().checkingExternalLinks(settings.linkTimeout())),
                "every external link answers");
    }

    private Outcome aiReview(Path archive) {
        ProviderConfig config = ProviderConfig.fromSystem();
        Optional<AiProviderProvider> provider = ProviderDiscovery.using(config).all(AiProviderProvider.class).stream()
                .filter(p -> !p.id().equals("offline") && p.availability(config).usable()).findFirst();
        if (provider.isEmpty()) {
            return new Outcome(SKIPPED, "no AI provider is configured on this server", List.of());
        }
        AiProvider reviewer = provider.get().create(config);
        List<Finding> advice = beyondStatic(archive, options().reviewedBy(reviewer));
        // advice only: it never refuses a course
        return new Outcome(PASSED, advice.isEmpty() ? "no advice" : advice.size() + " note(s) of advice", advice);
    }

    /**
     * Optimizes the images of an unpacked copy (WebP, and AVIF beside it when avifenc is on the PATH), packs it again (deterministically: the same course gives the same
     * bytes), stores it by its SHA-256 and makes the version live, signed.
     */
    private Outcome images(HubRegistry.Version version, Path archive) throws IOException {
        Path scratch = Files.createTempDirectory("progy-images-");
        try {
            Path folder = scratch.resolve("course");
            CourseArchive.unpack(archive, folder, publishing.archiveLimits());
            OptimizationReport report = AssetOptimizer.optimize(folder, AssetOptions.builder().avif(true).build());
            Path packed = scratch.resolve("live.progy");
            CourseArchive.pack(folder, packed);
            String sha = CourseArchive.sha256(packed);
            long size = Files.size(packed);
            String key = archiveKey(sha);
            if (!blobs.exists(key)) {
                blobs.put(key, Files.readAllBytes(packed));
            }
            boolean verified = store.steps(version.id()).stream()
                    .anyMatch(s -> s.step().equals("runs") && s.state().equals(PASSED));
            RegistryKeys.Signed signed = keys.sign(RegistryKeys.statement(version.course(), version.version(), sha));
            String detail = report.converted() == 0 ? "no image to optimize"
                    : report.converted() + " image(s) optimized, " + report.bytesBefore() + " → " + report.bytesAfter()
                    + " bytes";
            store.setStep(version.id(), "images", PASSED, detail, "[]");
            if (store.goLive(version.id(), sha, size, signed.signature(), signed.keyId(), verified, clock.millis())) {
                LOG.atInfo().addKeyValue("course", version.course()).addKeyValue("version", version.version())
                        .addKeyValue("sha256", sha).log("publish live");
                blobs.delete(version.staged());
            }
            return new Outcome(PASSED, detail, List.of());
        } finally {
            deleteTree(scratch);
        }
    }

    static String archiveKey(String sha256) {
        return "archives/" + sha256.substring(0, 2) + "/" + sha256 + ".progy";
    }

    /** The uploaded archive, copied out of the blob store to a temporary file (the Guard reads files). */
    private Path staged(HubRegistry.Version version) throws IOException {
        Optional<InputStream> in = blobs.get(version.staged());
        if (in.isEmpty()) {
            throw new IllegalStateException("the uploaded archive " + version.staged() + " is missing from the blob "
                    + "store");
        }
        Path temp = Files.createTempFile("progy-publish-", ".progy");
        try (InputStream s = in.get()) {
            Files.copy(s, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return temp;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left to the system's temporary-file cleaning
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the same
        }
    }
}
