package io.proofline.jobs.deploy;

import static io.proofline.jobs.deploy.DeployTree.findAll;
import static io.proofline.jobs.deploy.DeployTree.list;
import static io.proofline.jobs.deploy.DeployTree.map;
import static io.proofline.jobs.deploy.DeployTree.strings;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.jobs.Role;
import io.proofline.jobs.deploy.DeployTree.Container;
import io.proofline.jobs.deploy.DeployTree.Doc;
import io.proofline.jobs.metrics.QueueReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files of {@code deploy/} (Dockerfiles, Kubernetes manifests, the Grafana
 * dashboard) against what they refer to: the images the Dockerfiles build, the secrets of the
 * template, the series the README documents and the code exports, the ports and roles and
 * settings of the applications. Nothing is applied to a cluster here.
 */
class DeployManifestsTests {

    private static final String PROVER_SETTINGS = "jobs/src/main/resources/proofline-prover.yml";
    private static final String CORE_SETTINGS = "core/src/main/resources/application.yml";
    private static final String SCDF_SETTINGS = "scdf-definitions/server/src/main/resources/application.yml";
    private static final String SECRETS_TEMPLATE = "secrets.template.yaml";
    /** An image of ours: proofline/NAME:TAG, built by deploy/docker/NAME-TAG.Dockerfile (NAME.Dockerfile for latest). */
    private static final Pattern OUR_IMAGE = Pattern.compile("proofline/([a-z0-9-]+):([a-z0-9.-]+)");
    /** The queue stages each worker pool serves (io.proofline.jobs.metrics.QueueReader's labels). */
    private static final Map<String, Set<String>> POOL_STAGES = Map.of(
            Role.WITNESS_GENERATOR.label(), Set.of(QueueReader.WITNESS_GENERATION),
            Role.CIRCUIT_PROVER.label(), Set.of(QueueReader.PROVING, QueueReader.AGGREGATION));

    private final DeployTree tree = DeployTree.ofRepository();

    @Test
    void theKustomizationListsEveryManifestButTheSecretsTemplate() {
        List<String> problems = new ArrayList<>();
        Doc kustomization = tree.ofKind("Kustomization").getFirst();
        Set<String> listed = new HashSet<>(strings(kustomization.body().get("resources")));
        for (String resource : listed) {
            if (!Files.isRegularFile(tree.deploy.resolve("k8s").resolve(resource))) {
                problems.add(kustomization.where() + ": resource " + resource + " does not exist");
            }
        }
        for (Doc doc : tree.docs) {
            boolean unlisted = !listed.contains(doc.file()) && !doc.file().equals("kustomization.yaml");
            if (unlisted != doc.file().equals(SECRETS_TEMPLATE)) {
                problems.add(doc.where() + (unlisted ? ": not in kustomization.yaml" : ": secrets belong outside kustomization.yaml"));
            }
        }
        report(problems);
    }

    @Test
    void everyImageIsBuiltByADockerfileOfDeploy() {
        List<String> problems = new ArrayList<>();
        Map<String, Path> dockerfiles = dockerfiles();
        Set<String> used = new HashSet<>();
        for (Container c : tree.containers()) {
            Matcher m = OUR_IMAGE.matcher(c.image());
            if (!m.matches()) {
                problems.add(c.where() + ": image " + c.image() + " is not proofline/<name>:<tag>, built in deploy/docker");
                continue;
            }
            String file = m.group(1) + (m.group(2).equals("latest") ? "" : "-" + m.group(2)) + ".Dockerfile";
            if (!dockerfiles.containsKey(file)) {
                problems.add(c.where() + ": image " + c.image() + " has no deploy/docker/" + file);
                continue;
            }
            used.add(file);
            if (!read(dockerfiles.get(file)).contains("-t " + c.image() + " ")) {
                problems.add("deploy/docker/" + file + ": its build command does not tag " + c.image() + " (used by " + c.where() + ")");
            }
        }
        for (Map.Entry<String, Path> d : dockerfiles.entrySet()) {
            if (!used.contains(d.getKey())) {
                problems.add("deploy/docker/" + d.getKey() + ": builds an image no manifest runs");
            }
            for (String line : read(d.getValue()).lines().filter(l -> l.startsWith("FROM ")).toList()) {
                String image = line.split("\\s+")[1];
                String first = image.split("/")[0];
                if (image.contains("/") && (first.contains(".") || first.contains(":"))) {
                    problems.add("deploy/docker/" + d.getKey() + ": " + image + " names a registry host; write plain image names");
                }
            }
        }
        report(problems);
    }

    @Test
    void everySecretConfigMapAndVolumeReferenceIsDefined() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Doc doc : tree.ofKind("Secret")) {
            if (!doc.file().equals(SECRETS_TEMPLATE)) {
                problems.add(doc.where() + ": a Secret outside " + SECRETS_TEMPLATE);
            }
            Set<String> keys = new HashSet<>(map(doc.body().get("stringData")).keySet());
            keys.addAll(map(doc.body().get("data")).keySet());
            secrets.put(doc.name(), keys);
        }
        Set<String> configMaps = tree.ofKind("ConfigMap").stream().map(Doc::name).collect(Collectors.toSet());
        Set<String> claims = tree.ofKind("PersistentVolumeClaim").stream().map(Doc::name).collect(Collectors.toSet());
        for (Doc doc : tree.docs) {
            for (Map<String, Object> ref : findAll(doc.body(), "secretKeyRef")) {
                String name = String.valueOf(ref.get("name"));
                String key = String.valueOf(ref.get("key"));
                if (!secrets.containsKey(name)) {
                    problems.add(doc.where() + ": secretKeyRef names Secret " + name + ", not in " + SECRETS_TEMPLATE);
                } else if (!secrets.get(name).contains(key)) {
                    problems.add(doc.where() + ": secretKeyRef names key " + key + " of Secret " + name + ", which has " + secrets.get(name));
                }
            }
            for (Map<String, Object> ref : findAll(doc.body(), "configMapRef")) {
                if (!configMaps.contains(String.valueOf(ref.get("name")))) {
                    problems.add(doc.where() + ": configMapRef names ConfigMap " + ref.get("name") + ", defined nowhere");
                }
            }
            for (Map<String, Object> ref : findAll(doc.body(), "persistentVolumeClaim")) {
                if (!claims.contains(String.valueOf(ref.get("claimName")))) {
                    problems.add(doc.where() + ": volume claims " + ref.get("claimName") + ", defined nowhere");
                }
            }
        }
        report(problems);
    }

    @Test
    void everySeriesTheScalersAndTheDashboardReadIsDocumentedAndExported() {
        List<String> problems = new ArrayList<>();
        Map<String, String> documented = documentedSeries();
        assertTrue(documented.containsKey("proofline_queue_queued"), "README's Metrics table not found: " + documented);
        Set<String> stages = new HashSet<>(List.of(QueueReader.WITNESS_GENERATION, QueueReader.PROVING,
                QueueReader.AGGREGATION, QueueReader.SUBMISSION));
        stages.addAll(documentedLabelValues("proofline_stage_duration_seconds"));
        String sources = metricSources();
        Map<String, String> queries = new LinkedHashMap<>();
        for (Doc doc : tree.ofKind("ScaledObject")) {
            for (Object trigger : list(map(doc.body().get("spec")).get("triggers"))) {
                queries.put(doc.where() + " trigger", String.valueOf(map(map(trigger).get("metadata")).get("query")));
            }
        }
        JsonNode dashboard = JsonMapper.builder().build().readTree(read(tree.deploy.resolve("grafana/proofline-dashboard.json")));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("deploy/grafana/proofline-dashboard.json panel " + panel.get("id").asInt() + " ("
                        + panel.get("title").asString() + ") target " + target.get("refId").asString(), target.get("expr").asString());
            }
        }
        assertTrue(queries.size() > 10, "too few queries found: " + queries.keySet());
        for (Map.Entry<String, String> q : queries.entrySet()) {
            Set<String> names = PromQl.seriesNames(q.getValue());
            if (names.isEmpty()) {
                problems.add(q.getKey() + ": reads no series: " + q.getValue());
            }
            for (String name : names) {
                String base = documentedBase(name, documented);
                if (base == null) {
                    problems.add(q.getKey() + ": series " + name + " is not in README.md's Metrics table");
                } else if (base.startsWith("proofline_") && !sources.contains("\"" + micrometerName(base) + "\"")) {
                    problems.add(q.getKey() + ": series " + name + " (Micrometer " + micrometerName(base) + ") is registered by no main source of jobs, steps, storage or core");
                }
            }
            for (String stage : PromQl.labelValues(q.getValue(), "stage")) {
                if (!stages.contains(stage)) {
                    problems.add(q.getKey() + ": stage \"" + stage + "\" is none of " + stages);
                }
            }
        }
        report(problems);
    }

    @Test
    void containerPortsProbesAndScrapesAreTheApplicationsPorts() {
        List<String> problems = new ArrayList<>();
        for (Container c : tree.containers()) {
            Map<String, Object> settings = settingsOf(c.image()).getFirst();
            Map<String, String> env = c.env();
            String settingServerPort = String.valueOf(setting(settings, "server.port"));
            int serverPort = Integer.parseInt(firstNonNull(env.get("SERVER_PORT"), argument(c, "--server.port"), settingServerPort));
            Object settingManagement = setting(settings, "management.server.port");
            int managementPort = Integer.parseInt(firstNonNull(env.get("MANAGEMENT_SERVER_PORT"), argument(c, "--management.server.port"),
                    settingManagement == null ? null : String.valueOf(settingManagement), String.valueOf(serverPort)));
            Map<String, Integer> ports = new HashMap<>();
            for (Object p : list(c.body().get("ports"))) {
                Map<String, Object> port = map(p);
                ports.put(String.valueOf(port.get("name")), ((Number) port.get("containerPort")).intValue());
            }
            if (c.doc().kind().equals("Job")) {
                continue;
            }
            if (serverPort <= 0) {
                problems.add(c.where() + ": server.port is " + serverPort + " (a free port): give the container a fixed SERVER_PORT");
            }
            for (int expected : new HashSet<>(List.of(serverPort, managementPort))) {
                if (!ports.containsValue(expected)) {
                    problems.add(c.where() + ": the application listens on " + expected + ", which is no containerPort of " + ports);
                }
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> http = map(map(c.body().get(probe)).get("httpGet"));
                if (http.isEmpty()) {
                    problems.add(c.where() + ": no " + probe + " httpGet");
                    continue;
                }
                String path = String.valueOf(http.get("path"));
                Object named = http.get("port");
                Integer port = named instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(named));
                int expected = path.startsWith("/actuator/") ? managementPort : serverPort;
                if (!Objects.equals(port, expected)) {
                    problems.add(c.where() + ": " + probe + " " + path + " on port " + named + " (" + port + "), the application serves it on " + expected);
                }
                if (path.startsWith("/actuator/") && !(path.startsWith("/actuator/health") && exposed(settings, "health"))) {
                    problems.add(c.where() + ": " + probe + " path " + path + " is no exposed health endpoint");
                }
            }
            Map<String, Object> annotations = DeployTree.podAnnotations(c.doc());
            if ("true".equals(annotations.get("prometheus.io/scrape"))) {
                if (!String.valueOf(managementPort).equals(annotations.get("prometheus.io/port"))) {
                    problems.add(c.where() + ": prometheus.io/port " + annotations.get("prometheus.io/port") + ", the management port is " + managementPort);
                }
                if (!"/actuator/prometheus".equals(annotations.get("prometheus.io/path")) || !exposed(settings, "prometheus")) {
                    problems.add(c.where() + ": prometheus.io/path " + annotations.get("prometheus.io/path") + " is not the exposed /actuator/prometheus");
                }
            }
        }
        Map<String, Set<Integer>> portsByImage = new HashMap<>();
        for (Container c : tree.containers()) {
            for (Object p : list(c.body().get("ports"))) {
                portsByImage.computeIfAbsent(c.image(), i -> new HashSet<>()).add(((Number) map(p).get("containerPort")).intValue());
            }
        }
        for (Map.Entry<String, Path> d : dockerfiles().entrySet()) {
            String text = read(d.getValue());
            Matcher tag = Pattern.compile("-t (proofline/\\S+) ").matcher(text);
            Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(text);
            if (tag.find() && expose.find() && portsByImage.containsKey(tag.group(1))
                    && !portsByImage.get(tag.group(1)).contains(Integer.parseInt(expose.group(1)))) {
                problems.add("deploy/docker/" + d.getKey() + ": EXPOSE " + expose.group(1) + ", the manifests use " + portsByImage.get(tag.group(1)));
            }
        }
        report(problems);
    }

    @Test
    void rolesProfilesAndBackEndsAreTheProversOwn() {
        List<String> problems = new ArrayList<>();
        Set<String> profiles = new HashSet<>();
        for (Map<String, Object> doc : tree.settings(PROVER_SETTINGS)) {
            Object profile = setting(doc, "spring.config.activate.on-profile");
            if (profile != null) {
                profiles.add(String.valueOf(profile));
            }
        }
        for (Doc doc : tree.ofKind("ConfigMap")) {
            Object active = map(doc.body().get("data")).get("SPRING_PROFILES_ACTIVE");
            for (String profile : active == null ? new String[0] : String.valueOf(active).split(",")) {
                if (!profiles.contains(profile.strip())) {
                    problems.add(doc.where() + ": SPRING_PROFILES_ACTIVE names " + profile + ", none of " + PROVER_SETTINGS + "'s " + profiles);
                }
            }
        }
        for (Container c : tree.containers()) {
            if (!c.image().startsWith("proofline/prover:")) {
                continue;
            }
            String roles = argument(c, "--proofline.roles");
            String active = firstNonNull(argument(c, "--spring.profiles.active"), "");
            if (roles != null) {
                try {
                    Role.parse(List.of(roles.split(",")));
                } catch (RuntimeException e) {
                    problems.add(c.where() + ": " + e.getMessage());
                }
            } else if (c.doc().kind().equals("Deployment")) {
                problems.add(c.where() + ": a Deployment of the prover without --proofline.roles");
            }
            for (String profile : active.split(",")) {
                if (!profile.isBlank() && !profiles.contains(profile.strip())) {
                    problems.add(c.where() + ": profile " + profile + " is none of " + PROVER_SETTINGS + "'s " + profiles);
                }
            }
            if (c.doc().kind().equals("Job") && !active.contains("-task")) {
                problems.add(c.where() + ": a Job of the prover must run a task profile (it would otherwise serve forever)");
            }
            boolean cuda = "cuda".equals(argument(c, "--proofline.prover.backend"));
            boolean gpu = map(map(c.body().get("resources")).get("limits")).containsKey("nvidia.com/gpu");
            if (cuda != gpu || cuda != c.image().equals("proofline/prover:cuda")) {
                problems.add(c.where() + ": backend cuda " + cuda + ", nvidia.com/gpu limit " + gpu + ", image " + c.image()
                        + ": the CUDA back end needs the cuda image and a GPU, and only it uses them");
            }
        }
        report(problems);
    }

    @Test
    void kedaScalesExistingWorkerPoolsOnTheirOwnStages() {
        List<String> problems = new ArrayList<>();
        Map<String, Doc> deployments = tree.ofKind("Deployment").stream().collect(Collectors.toMap(Doc::name, d -> d));
        Set<String> scaledRoles = new HashSet<>();
        for (Doc doc : tree.ofKind("ScaledObject")) {
            String target = String.valueOf(map(map(doc.body().get("spec")).get("scaleTargetRef")).get("name"));
            Doc deployment = deployments.get(target);
            if (deployment == null) {
                problems.add(doc.where() + ": scaleTargetRef names Deployment " + target + ", which does not exist");
                continue;
            }
            String roles = tree.containers().stream().filter(c -> c.doc() == deployment)
                    .map(c -> argument(c, "--proofline.roles")).filter(Objects::nonNull).findFirst().orElse("");
            Set<String> expected = POOL_STAGES.get(roles);
            if (expected == null) {
                problems.add(doc.where() + ": scales " + target + " with roles '" + roles + "', not one worker pool of " + POOL_STAGES.keySet());
                continue;
            }
            scaledRoles.add(roles);
            for (Object trigger : list(map(doc.body().get("spec")).get("triggers"))) {
                Map<String, Object> t = map(trigger);
                String query = String.valueOf(map(t.get("metadata")).get("query"));
                Set<String> stages = new HashSet<>(PromQl.labelValues(query, "stage"));
                if (!"prometheus".equals(t.get("type")) || !stages.equals(expected)
                        || !PromQl.seriesNames(query).contains("proofline_queue_queued")) {
                    problems.add(doc.where() + ": its trigger must read proofline_queue_queued for the stages " + expected
                            + " of " + roles + ", reads " + PromQl.seriesNames(query) + " for " + stages);
                }
            }
        }
        if (!scaledRoles.equals(POOL_STAGES.keySet())) {
            problems.add("deploy/k8s/keda.yaml: scales " + scaledRoles + ", every worker pool " + POOL_STAGES.keySet() + " needs a ScaledObject");
        }
        report(problems);
    }

    @Test
    void servicesAndUrlsReachDeclaredPorts() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, Object>> services = new HashMap<>();
        for (Doc service : tree.ofKind("Service")) {
            Map<String, Object> selector = map(map(service.body().get("spec")).get("selector"));
            List<Container> selected = tree.containers().stream().filter(c -> c.doc().kind().equals("Deployment")
                    && DeployTree.podLabels(c.doc()).entrySet().containsAll(selector.entrySet())).toList();
            if (selector.isEmpty() || selected.isEmpty()) {
                problems.add(service.where() + ": selects no Deployment's pods (" + selector + ")");
            }
            Map<Integer, Object> ports = new HashMap<>();
            for (Object p : list(map(service.body().get("spec")).get("ports"))) {
                Map<String, Object> port = map(p);
                Object target = port.getOrDefault("targetPort", port.get("port"));
                ports.put(((Number) port.get("port")).intValue(), target);
                boolean reached = selected.stream().flatMap(c -> list(c.body().get("ports")).stream()).map(DeployTree::map)
                        .anyMatch(cp -> String.valueOf(cp.get("name")).equals(String.valueOf(target))
                                || String.valueOf(cp.get("containerPort")).equals(String.valueOf(target)));
                if (!reached) {
                    problems.add(service.where() + ": targetPort " + target + " is no port of the selected containers");
                }
            }
            services.put(service.name(), ports);
        }
        Pattern url = Pattern.compile("http://([a-z0-9-]+):(\\d+)");
        for (Container c : tree.containers()) {
            List<String> values = new ArrayList<>(c.env().values().stream().filter(Objects::nonNull).toList());
            values.addAll(c.args());
            for (String value : values) {
                Matcher m = url.matcher(value);
                while (m.find()) {
                    if (!services.getOrDefault(m.group(1), Map.of()).containsKey(Integer.parseInt(m.group(2)))) {
                        problems.add(c.where() + ": " + m.group() + " is no Service and port of the manifests " + services.keySet());
                    }
                }
            }
        }
        report(problems);
    }

    @Test
    void prooflineEnvironmentVariablesNameRealSettings() {
        List<String> problems = new ArrayList<>();
        Set<String> prover = environmentNames(PROVER_SETTINGS);
        for (Container c : tree.containers()) {
            if (c.image().startsWith("proofline/scdf:")) {
                continue;
            }
            Set<String> known = c.image().startsWith("proofline/core:") ? environmentNames(CORE_SETTINGS) : prover;
            for (String name : c.env().keySet()) {
                if (name.startsWith("PROOFLINE_") && !known.contains(name)) {
                    problems.add(c.where() + ": " + name + " is no setting of the application (Spring's form: dots to _, no dashes)");
                }
            }
        }
        for (Doc doc : tree.ofKind("ConfigMap")) {
            for (String name : map(doc.body().get("data")).keySet()) {
                if (name.startsWith("PROOFLINE_") && !prover.contains(name)) {
                    problems.add(doc.where() + ": " + name + " is no setting of " + PROVER_SETTINGS);
                }
            }
        }
        report(problems);
    }

    private static void report(List<String> problems) {
        assertTrue(problems.isEmpty(), problems.size() + " broken reference(s):\n" + String.join("\n", problems));
    }

    private List<Map<String, Object>> settingsOf(String image) {
        if (image.startsWith("proofline/core:")) {
            return tree.settings(CORE_SETTINGS);
        }
        return tree.settings(image.startsWith("proofline/scdf:") ? SCDF_SETTINGS : PROVER_SETTINGS);
    }

    /** A dotted setting, e.g. server.port, of one settings document; null when absent. */
    private static Object setting(Map<String, Object> doc, String dotted) {
        Object node = doc;
        for (String key : dotted.split("\\.")) {
            node = map(node).get(key);
        }
        return node;
    }

    private static boolean exposed(Map<String, Object> settings, String endpoint) {
        Object include = setting(settings, "management.endpoints.web.exposure.include");
        return include != null && List.of(String.valueOf(include).split(",")).contains(endpoint);
    }

    /** The value of an argument --name=value of the container, or null. */
    private static String argument(Container c, String name) {
        return c.args().stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst().orElse(null);
    }

    private static String firstNonNull(String... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Every key of a settings file in environment variable form: proofline.s3.path-style is PROOFLINE_S3_PATHSTYLE. */
    private Set<String> environmentNames(String path) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> doc : tree.settings(path)) {
            collectNames("", doc, names);
        }
        return names;
    }

    private static void collectNames(String prefix, Map<String, Object> node, Set<String> names) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String name = prefix + e.getKey().replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
            names.add(name);
            if (e.getValue() instanceof Map<?, ?>) {
                collectNames(name + "_", map(e.getValue()), names);
            }
        }
    }

    /** README.md's Metrics table: series (a trailing * is a prefix) to its type. */
    private Map<String, String> documentedSeries() {
        Map<String, String> series = new LinkedHashMap<>();
        for (String[] row : metricsTable()) {
            series.put(row[0].replace("`", ""), row[1]);
        }
        return series;
    }

    /** The backticked label values in a series' labels column, e.g. the stages of proofline_stage_duration_seconds. */
    private Set<String> documentedLabelValues(String series) {
        Set<String> values = new HashSet<>();
        for (String[] row : metricsTable()) {
            if (row[0].equals("`" + series + "`")) {
                // `stage`: `witness_vector`, ...; `circuit_type` ...: the values of the first label
                String first = row[2].split(";")[0];
                Matcher m = Pattern.compile("`([a-z_]+)`").matcher(first.substring(first.indexOf(':') + 1));
                while (m.find()) {
                    values.add(m.group(1));
                }
            }
        }
        return values;
    }

    private List<String[]> metricsTable() {
        String readme = tree.read("README.md");
        int start = readme.indexOf("\n## Metrics");
        int end = readme.indexOf("\n## ", start + 1);
        List<String[]> rows = new ArrayList<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).lines().toList()) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1).split("\\|");
                rows.add(new String[] {cells[0].strip(), cells[1].strip(), cells[2].strip()});
            }
        }
        return rows;
    }

    /** The documented series a queried one belongs to (a histogram's _bucket, _count, _sum), or null. */
    private static String documentedBase(String name, Map<String, String> documented) {
        if (documented.containsKey(name)) {
            return name;
        }
        String base = name.replaceFirst("_(bucket|count|sum|max)$", "");
        if (!base.equals(name) && "histogram".equals(documented.get(base))) {
            return base;
        }
        return documented.keySet().stream().filter(d -> d.endsWith("*") && name.startsWith(d.substring(0, d.length() - 1)))
                .findFirst().orElse(null);
    }

    /** The Micrometer name Prometheus shows as a series: proofline_requeues_total is proofline.requeues. */
    private static String micrometerName(String series) {
        return series.replaceFirst("_total$", "").replaceFirst("_seconds$", "").replace('_', '.');
    }

    /** The main Java sources of the modules that register Proofline's meters. */
    private String metricSources() {
        StringBuilder sources = new StringBuilder();
        for (String module : List.of("jobs", "steps", "storage", "core")) {
            Path dir = tree.root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).map(DeployManifestsTests::read).forEach(sources::append);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources.toString();
    }

    private Map<String, Path> dockerfiles() {
        try (Stream<Path> files = Files.list(tree.deploy.resolve("docker"))) {
            return files.filter(f -> f.toString().endsWith(".Dockerfile"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString(), f -> f, (a, b) -> a, java.util.TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
