package dev.progy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A façade-level class that shows Jackson in its public signatures, as ProgyJson did: the rule must catch it. */
public final class JacksonInSignature {
    public ObjectNode tree() {
        return JsonNodeFactory.instance.objectNode();
    }

    public void read(List<ObjectNode> trees) { }

    ObjectNode hidden() {
        return tree();
    }
}
