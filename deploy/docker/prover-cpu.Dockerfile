# The prover (every role and task mode) on the CPU back ends (java, native-cpu).
#   docker build -f deploy/docker/prover-cpu.Dockerfile -t proofline/prover:cpu .
# Build stage: the reactor's bootable jar, with cuda-src's CPU library (gcc, OpenMP) inside it.
FROM maven:3.9-eclipse-temurin-25 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package -pl jobs -am \
 && cp jobs/target/jobs-*-exec.jar /src/prover.jar

FROM eclipse-temurin:25-jre
# libgomp: the native-cpu library's OpenMP runtime
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/proofline --create-home proofline
COPY --from=build /src/prover.jar /opt/proofline/prover.jar
USER 10001
ENV PROOFLINE_KEYSDIR=/var/lib/proofline/keys PROOFLINE_STOREDIR=/var/lib/proofline/store SERVER_PORT=8080
EXPOSE 8080
# A proof's extensions live off heap, in direct memory, whose limit defaults to the heap's: 40% of
# the container for each keeps the two and the JVM itself inside the container's limit.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=40", "-jar", "/opt/proofline/prover.jar"]
