# syntax=docker/dockerfile:1
# Static, non-root image. Build: docker build --build-arg VERSION=v1.0.0 -t provisiond .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/provisiond ./cmd/provisiond \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/provisiond /usr/local/bin/provisiond
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV PROVISIOND_LISTEN=0.0.0.0:8080 \
    PROVISIOND_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/provisiond"]
CMD ["serve"]
