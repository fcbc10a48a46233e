namespace RunbookHost.Server.Tests.Support;

/// <summary>Small workflows of built-in activities, imported by the test host.</summary>
internal static class TestWorkflows
{
    public const string Gate = """
        {
          "definitionId": "gate", "name": "Approval gate",
          "inputs": [ { "name": "site", "typeName": "String", "defaultValue": "standby" } ],
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "ask", "type": "Approval",
              "title": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'Activate ' + input.site + '?'" } },
              "instructions": { "typeName": "String", "expression": { "type": "Literal", "value": "Check the <primary> is down & stays down." } } },
            { "id": "confirm", "type": "ManualStep",
              "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Isolate NodeA" } },
              "instructions": { "typeName": "String", "expression": { "type": "Literal", "value": "Unplug NodeA's public network." } } },
            { "id": "done", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "approved and isolated" } } },
            { "id": "no", "type": "Fail", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "rejected" } } }
          ], "connections": [
            { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "confirm", "port": "In" } },
            { "source": { "activity": "ask", "port": "Rejected" }, "target": { "activity": "no", "port": "In" } },
            { "source": { "activity": "confirm", "port": "Done" }, "target": { "activity": "done", "port": "In" } }
          ] }
        }
        """;

    public const string Quick = """
        {
          "definitionId": "quick", "name": "Quick",
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "one", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "one" } } },
            { "id": "two", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "two" } } }
          ], "connections": [ { "source": { "activity": "one", "port": "Done" }, "target": { "activity": "two", "port": "In" } } ] }
        }
        """;

    /// <summary>Its JavaScript fails at run time, so it stops on an incident.</summary>
    public const string Broken = """
        {
          "definitionId": "broken", "name": "Broken <b>step</b>",
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "compute", "type": "SetVariable",
              "variable": { "typeName": "String", "expression": { "type": "Literal", "value": "x" } },
              "value": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "input.missing.field" } } },
            { "id": "after", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
          ], "connections": [ { "source": { "activity": "compute", "port": "Done" }, "target": { "activity": "after", "port": "In" } } ] }
        }
        """;

    public static readonly IReadOnlyList<(string Name, string Json)> All = [("gate", Gate), ("quick", Quick), ("broken", Broken)];
}
