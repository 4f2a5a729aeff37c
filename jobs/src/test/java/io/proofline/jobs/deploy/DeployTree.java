package io.proofline.jobs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code deploy/} tree as the tests read it: every YAML document of
 * {@code deploy/k8s} with where it came from, and the application settings it must agree with.
 */
final class DeployTree {

    /** One YAML document: its file, its position in the file (1-based) and its content. */
    record Doc(String file, int index, Map<String, Object> body) {

        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(DeployTree.map(body.get("metadata")).get("name"));
        }

        /** How a failure names it: {@code k8s/core.yaml document 2 (Service proofline-core)}. */
        String where() {
            return "deploy/k8s/" + file + " document " + index + " (" + kind() + " " + name() + ")";
        }
    }

    /** A container of a Deployment or a Job, with the document it is in. */
    record Container(Doc doc, Map<String, Object> body) {

        String image() {
            return String.valueOf(body.get("image"));
        }

        List<String> args() {
            return strings(body.get("args"));
        }

        /** Its environment as written in {@code env} (literal values only; secrets map to null). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object e : list(body.get("env"))) {
                Map<String, Object> var = map(e);
                env.put(String.valueOf(var.get("name")), var.get("value") == null ? null : String.valueOf(var.get("value")));
            }
            return env;
        }

        String where() {
            return doc.where() + " container " + body.get("name");
        }
    }

    final Path root;
    final Path deploy;
    final List<Doc> docs = new ArrayList<>();

    DeployTree(Path root) {
        this.root = root;
        this.deploy = root.resolve("deploy");
        try (Stream<Path> files = Files.list(deploy.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                int index = 0;
                for (Object body : new Yaml().loadAll(Files.readString(file))) {
                    index++;
                    if (body != null) {
                        docs.add(new Doc(file.getFileName().toString(), index, map(body)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the parent of the module directory the tests run in. */
    static DeployTree ofRepository() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy/k8s"))) {
            throw new IllegalStateException("no deploy/k8s under " + root);
        }
        return new DeployTree(root);
    }

    List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    /** The containers of every Deployment and Job. */
    List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        for (Doc doc : docs) {
            if (doc.kind().equals("Deployment") || doc.kind().equals("Job")) {
                for (Object c : list(podSpec(doc).get("containers"))) {
                    containers.add(new Container(doc, map(c)));
                }
            }
        }
        return containers;
    }

    static Map<String, Object> podSpec(Doc doc) {
        return map(map(map(doc.body().get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> podLabels(Doc doc) {
        return map(map(map(map(doc.body().get("spec")).get("template")).get("metadata")).get("labels"));
    }

    static Map<String, Object> podAnnotations(Doc doc) {
        return map(map(map(map(doc.body().get("spec")).get("template")).get("metadata")).get("annotations"));
    }

    /** Every YAML document of a settings file, e.g. {@code jobs/src/main/resources/proofline-prover.yml}. */
    List<Map<String, Object>> settings(String path) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object body : new Yaml().loadAll(Files.readString(root.resolve(path)))) {
                documents.add(map(body));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every value at a key named {@code key}, anywhere below {@code node}. */
    static List<Map<String, Object>> findAll(Object node, String key) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (key.equals(e.getKey()) && e.getValue() instanceof Map<?, ?>) {
                    found.add(map(e.getValue()));
                }
                found.addAll(findAll(e.getValue(), key));
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                found.addAll(findAll(o, key));
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
