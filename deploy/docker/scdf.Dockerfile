# Spring Cloud Data Flow 2.11 with the 3.2 dashboard (scdf-definitions/server) on port 9393, with
# the bootable prover jar beside it for its local task platform, and scdf-definitions/ for import.sh.
#   docker build -f deploy/docker/scdf.Dockerfile -t proofline/scdf:latest .
FROM maven:3.9-eclipse-temurin-25 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package -pl jobs -am \
 && mvn -B -ntp -DskipTests -f scdf-definitions/server/pom.xml package \
 && cp jobs/target/jobs-*-exec.jar /src/proofline-prover-0.1.0.jar

FROM eclipse-temurin:25-jre
# curl: import.sh; libgomp: the prover tasks' native-cpu library
RUN apt-get update && apt-get install -y --no-install-recommends curl libgomp1 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/proofline --create-home proofline
COPY --from=build /src/scdf-definitions/server/target/proofline-scdf-server.jar /opt/proofline/scdf-server.jar
# named <artifact>-<version>.jar, as SCDF wants of a registered file (import.sh --prover-jar file:///opt/proofline/proofline-prover-0.1.0.jar)
COPY --from=build /src/proofline-prover-0.1.0.jar /opt/proofline/proofline-prover-0.1.0.jar
COPY scdf-definitions /opt/proofline/scdf-definitions
USER 10001
ENV PROOFLINE_KEYSDIR=/var/lib/proofline/keys
EXPOSE 9393
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/proofline/scdf-server.jar"]
