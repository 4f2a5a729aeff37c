# The prover with the CUDA back end (proofline.prover.backend=cuda) besides the CPU ones, for the
# circuit-prover pool on GPU nodes (the NVIDIA driver comes from the node, through the GPU operator).
#   docker build -f deploy/docker/prover-cuda.Dockerfile -t proofline/prover:cuda .
# Build stage: nvcc from the CUDA devel image, so that cuda-src/build.sh (run by native-bindings'
# Maven build) builds libproofline_cuda.so (sm_80, sm_90; cudart linked statically) into the jar.
FROM eclipse-temurin:25-jdk AS jdk
FROM maven:3.9-eclipse-temurin-25 AS maven

FROM nvidia/cuda:12.8.1-devel-ubuntu24.04 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/*
COPY --from=jdk /opt/java/openjdk /opt/java/openjdk
COPY --from=maven /usr/share/maven /usr/share/maven
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/share/maven/bin:/usr/local/cuda/bin:$PATH
WORKDIR /src
COPY . .
RUN command -v nvcc \
 && mvn -B -ntp -DskipTests package -pl jobs -am \
 && test -f native-bindings/target/classes/native/libproofline_cuda.so \
 && cp jobs/target/jobs-*-exec.jar /src/prover.jar

FROM eclipse-temurin:25-jre AS jre

# The runtime: the CUDA base image (no toolkit; cudart is static) and a Java 25 runtime
FROM nvidia/cuda:12.8.1-base-ubuntu24.04
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 ca-certificates && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/proofline --create-home proofline
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=build /src/prover.jar /opt/proofline/prover.jar
USER 10001
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH \
    PROOFLINE_KEYSDIR=/var/lib/proofline/keys PROOFLINE_STOREDIR=/var/lib/proofline/store SERVER_PORT=8080 \
    NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
EXPOSE 8080
# A proof's extensions live off heap, in direct memory, whose limit defaults to the heap's: 40% of
# the container for each keeps the two and the JVM itself inside the container's limit.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=40", "-jar", "/opt/proofline/prover.jar"]
