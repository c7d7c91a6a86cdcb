// Swagger UI over the documents this service serves (see GET /openapi). validatorUrl: null keeps the page from sending
// the documents to validator.swagger.io: nothing here talks to another host.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: "/openapi/oneroster.yml", name: "OneRoster 1.1 REST API" },
      { url: "/openapi/admin.yml", name: "rostersync admin API" }
    ],
    "urls.primaryName": "OneRoster 1.1 REST API",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
