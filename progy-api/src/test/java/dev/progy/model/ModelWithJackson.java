package dev.progy.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A model record holding a vendor type: the "model depends only on java" rule must catch it. */
public record ModelWithJackson(JsonNode value) { }
