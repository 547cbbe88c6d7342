/** Checks of the API description files the services serve (OpenAPI) against what they reference. */
package dev.eventline.testkit.contract;
