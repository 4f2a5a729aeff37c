# The reference rollup core (API, sealing, proof verification) on port 3320.
#   docker build -f deploy/docker/core.Dockerfile -t proofline/core:latest .
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package -pl core -am \
 && cp core/target/core-*-exec.jar /src/core.jar

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/proofline --create-home proofline
COPY --from=build /src/core.jar /opt/proofline/core.jar
USER 10001
ENV PROOFLINE_CORE_KEYSDIR=/var/lib/proofline/keys
EXPOSE 3320
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "-XX:MaxRAMPercentage=75", "-jar", "/opt/proofline/core.jar"]
